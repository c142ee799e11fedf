"use client";

/**
 * One page at a time may hold unsaved edits (the draft editor). It registers here how to ask before they are
 * dropped, so actions outside it (Sign out in the header) can ask too.
 */
type Guard = () => Promise<boolean>;

let current: Guard | null = null;

export function setLeaveGuard(guard: Guard | null): void {
  current = guard;
}

/** True when nothing unsaved would be lost, or the admin agreed to drop it. */
export function confirmLeaving(): Promise<boolean> {
  return current ? current() : Promise.resolve(true);
}
