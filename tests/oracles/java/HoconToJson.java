// Reference-implementation oracle: Lightbend (Typesafe) Config, as packaged by Debian (libtypesafe-config-java).
//
// Protocol (one long-running JVM, driven by tests/oracles/lightbend.ts):
//   stdin : one request per line = "D" + base64 (standard alphabet) of a UTF-8 HOCON document
//           (the prefix keeps the empty document from being an empty line).
//   stdout: one UTF-8 JSON line per request, in order:
//     {"ok":true,"json":<value>,"floats":[<path>,...]}   or   {"ok":false,"err":"<message>"}
//   <value> is the resolved root rendered with ConfigRenderOptions.concise() (strict JSON, except that
//   Lightbend writes non-finite doubles as bare words; the TS side reports those as unparseable).
//   "floats" lists the paths (arrays of keys / indices) of every number that Lightbend holds as a double,
//   because the JSON text cannot show the int/float distinction after JSON.parse.
// End of input ends the process.
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

public final class HoconToJson {
  private static final ConfigRenderOptions CONCISE = ConfigRenderOptions.concise();

  private static String jsonString(String s) {
    return ConfigValueFactory.fromAnyRef(s).render(CONCISE);
  }

  private static void collectFloats(ConfigValue v, List<String> path, List<String> out) {
    if (v.valueType() == ConfigValueType.OBJECT) {
      for (Map.Entry<String, ConfigValue> e : ((ConfigObject) v).entrySet()) {
        path.add(jsonString(e.getKey()));
        collectFloats(e.getValue(), path, out);
        path.remove(path.size() - 1);
      }
    } else if (v.valueType() == ConfigValueType.LIST) {
      ConfigList list = (ConfigList) v;
      for (int i = 0; i < list.size(); i++) {
        path.add(Integer.toString(i));
        collectFloats(list.get(i), path, out);
        path.remove(path.size() - 1);
      }
    } else if (v.valueType() == ConfigValueType.NUMBER) {
      Object n = v.unwrapped();
      if (n instanceof Double || n instanceof Float) out.add("[" + String.join(",", path) + "]");
    }
  }

  private static String handle(String text) {
    try {
      ConfigParseOptions parse = ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false);
      Config config = ConfigFactory.parseString(text, parse).resolve(ConfigResolveOptions.defaults());
      ConfigObject root = config.root();
      List<String> floats = new ArrayList<>();
      collectFloats(root, new ArrayList<>(), floats);
      return "{\"ok\":true,\"json\":" + root.render(CONCISE) + ",\"floats\":[" + String.join(",", floats) + "]}";
    } catch (Throwable t) {
      String msg = t.getClass().getSimpleName() + ": " + t.getMessage();
      return "{\"ok\":false,\"err\":" + jsonString(msg) + "}";
    }
  }

  public static void main(String[] args) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
    String line;
    while ((line = in.readLine()) != null) {
      line = line.trim();
      if (line.isEmpty()) continue;
      String doc;
      try {
        if (!line.startsWith("D")) throw new IllegalArgumentException("request does not start with D");
        doc = new String(Base64.getDecoder().decode(line.substring(1)), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        out.print("{\"ok\":false,\"err\":" + jsonString("bad base64 request: " + e.getMessage()) + "}\n");
        out.flush();
        continue;
      }
      out.print(handle(doc) + "\n");
      out.flush();
    }
    out.flush();
  }
}
