import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** Times Lightbend Config parsing the given files, after a warm-up, and prints milliseconds per pass. */
public class ParseBench {
  public static void main(String[] args) throws Exception {
    int passes = Integer.parseInt(args[0]);
    List<String> texts = new ArrayList<>();
    for (int i = 1; i < args.length; i++) texts.add(new String(Files.readAllBytes(Paths.get(args[i])), StandardCharsets.UTF_8));
    long sink = 0;
    for (int w = 0; w < passes; w++) for (String t : texts) sink += ConfigFactory.parseString(t).resolve().root().size();
    long[] times = new long[passes];
    for (int p = 0; p < passes; p++) {
      long start = System.nanoTime();
      for (String t : texts) sink += ConfigFactory.parseString(t).resolve().root().size();
      times[p] = System.nanoTime() - start;
    }
    java.util.Arrays.sort(times);
    System.out.println("{\"medianMs\":" + (times[passes / 2] / 1e6) + ",\"sink\":" + sink + "}");
  }
}
