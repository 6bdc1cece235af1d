// Runs HeidelTime over many documents in one JVM ("warm") and reports the time spent in
// process() after one warm-up document. Usage:
//   java -cp heideltime.jar:. WarmBench CONFIG.props YYYY-MM-DD OUTDIR FILE...
// Writes OUTDIR/<file name>.tml (TimeML) and prints "<words> <seconds>" on the last line.
import de.unihd.dbs.heideltime.standalone.DocumentType;
import de.unihd.dbs.heideltime.standalone.HeidelTimeStandalone;
import de.unihd.dbs.heideltime.standalone.OutputType;
import de.unihd.dbs.heideltime.standalone.POSTagger;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import java.util.Date;

public class WarmBench {
    public static void main(String[] args) throws Exception {
        String config = args[0];
        Date dct = new SimpleDateFormat("yyyy-MM-dd").parse(args[1]);
        Path out = Path.of(args[2]);
        Files.createDirectories(out);
        HeidelTimeStandalone ht = new HeidelTimeStandalone(Language.ENGLISH, DocumentType.NARRATIVES,
                OutputType.TIMEML, config, POSTagger.TREETAGGER);
        // Warm-up on the first document, not timed.
        ht.process(Files.readString(Path.of(args[3]), StandardCharsets.UTF_8), dct);
        long words = 0;
        long start = System.nanoTime();
        for (int i = 3; i < args.length; i++) {
            Path p = Path.of(args[i]);
            String text = Files.readString(p, StandardCharsets.UTF_8);
            words += text.trim().isEmpty() ? 0 : text.trim().split("\\s+").length;
            String tml = ht.process(text, dct);
            Files.writeString(out.resolve(p.getFileName().toString() + ".tml"), tml, StandardCharsets.UTF_8);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println(words + " " + seconds);
    }
}
