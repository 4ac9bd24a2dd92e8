package org.racegraph.launcher;

import java.nio.file.Path;
import org.neo4j.configuration.SettingValueParsers;

/** Command-line options of {@link Main}; {@link #parse} throws IllegalArgumentException on bad input. */
record LauncherOptions(int boltPort, Path dataDir, long pagecacheBytes, Path passwordFile) {
    static final String USAGE = "--bolt-port PORT --data-dir DIR --pagecache SIZE --password-file FILE";

    private static final int DEFAULT_BOLT_PORT = 7687;
    private static final String DEFAULT_DATA_DIR = "./data/neo4j";
    private static final String DEFAULT_PAGECACHE = "128m";

    static LauncherOptions parse(String[] args) {
        int boltPort = DEFAULT_BOLT_PORT;
        String dataDir = DEFAULT_DATA_DIR;
        String pagecache = DEFAULT_PAGECACHE;
        String passwordFile = null;
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[i + 1];
            switch (name) {
                case "--bolt-port" -> boltPort = parsePort(value);
                case "--data-dir" -> dataDir = value;
                case "--pagecache" -> pagecache = value;
                case "--password-file" -> passwordFile = value;
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        // No default: auth is always on, and a password made up here would be one nobody can read back.
        if (passwordFile == null) {
            throw new IllegalArgumentException("--password-file is required");
        }
        return new LauncherOptions(boltPort, Path.of(dataDir).toAbsolutePath().normalize(), parseBytes(pagecache),
                Path.of(passwordFile).toAbsolutePath().normalize());
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("--bolt-port must be 1-65535, got " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--bolt-port must be a number, got " + value);
        }
    }

    private static long parseBytes(String value) {
        try {
            // Neo4j's own size parser, so "128m" and "1g" mean what they mean in neo4j.conf.
            return SettingValueParsers.BYTES.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--pagecache must be a size like 128m or 1g, got " + value);
        }
    }
}
