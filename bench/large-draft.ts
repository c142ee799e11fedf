import bcrypt from "bcryptjs";
import { UI_ACTION_OBJECTS } from "../lib/clearml/registry";

/**
 * The benchmark's large draft: 500 fixed users, 200 UI actions and 100 env overrides. Passwords are
 * stored hashed, as a saved draft holds them (hashed at a low cost here, only to build the draft fast).
 */
export function largeDocument() {
  const hash = btoa(bcrypt.hashSync("bench-password", 4));
  const users = Array.from({ length: 500 }, (_, i) => ({ username: `user${i}`, password: hash, name: `User ${i}` }));
  const perObject = 200 / UI_ACTION_OBJECTS.length;
  const ui_actions = Object.fromEntries(
    UI_ACTION_OBJECTS.map((object) => [
      object,
      Array.from({ length: perObject }, (_, i) => ({
        name: `${object} action ${i}`,
        tooltip: `Runs hook ${i} for this ${object}`,
        action: {
          method: "POST",
          url: `https://hooks.example.com/${object}/\${id}/run/${i}`,
          payload: JSON.stringify({ id: "${id}", n: i }),
          headers: { "Content-Type": "application/json" },
        },
      })),
    ]),
  );
  const overrides = Array.from({ length: 100 }, (_, i) => ({ path: `apiserver.bench.key_${i}`, value: i % 2 ? `value ${i}` : i }));
  return {
    schemaVersion: 2,
    settings: {
      apiserver: { auth: { fixed_users: { enabled: true, pass_hashed: true, users } } },
      services: { organization: { ui_actions } },
    },
    deployment: {},
    environment: { overrides },
  };
}
