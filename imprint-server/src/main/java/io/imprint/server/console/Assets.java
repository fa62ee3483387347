package io.imprint.server.console;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's static files, served from the jar (no CDN, works offline): its own stylesheet and script,
 * and uPlot from its WebJar. Only the files named here are served.
 */
final class Assets {
    static final String PATH = Layout.BASE + "/assets/";
    /** The uPlot WebJar version (the dependency in imprint-server/pom.xml). */
    static final String UPLOT = "1.6.30";
    private static final String OWN = "io/imprint/server/console/";
    private static final String WEBJAR = "META-INF/resources/webjars/uplot/" + UPLOT + "/dist/";
    private static final Map<String, String[]> FILES = Map.of(
            "console.css", new String[] {OWN + "console.css", "text/css; charset=utf-8"},
            "console.js", new String[] {OWN + "console.js", "text/javascript; charset=utf-8"},
            "uPlot.min.css", new String[] {WEBJAR + "uPlot.min.css", "text/css; charset=utf-8"},
            "uPlot.iife.min.js", new String[] {WEBJAR + "uPlot.iife.min.js", "text/javascript; charset=utf-8"});
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    void serve(Context ctx) {
        String name = ctx.pathParam("file");
        String[] file = FILES.get(name);
        if (file == null) {
            throw new ImprintException(ProblemCode.NOT_FOUND, "no console asset " + name);
        }
        ctx.header("Cache-Control", "private, max-age=3600");
        ctx.contentType(file[1]);
        ctx.result(cache.computeIfAbsent(name, n -> read(file[0])));
    }

    private static byte[] read(String resource) {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("console asset missing from the jar: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
