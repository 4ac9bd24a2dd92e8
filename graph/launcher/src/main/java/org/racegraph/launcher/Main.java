package org.racegraph.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.kernel.impl.security.User;
import org.neo4j.logging.Level;
import org.neo4j.logging.NullLogProvider;
import org.neo4j.logging.log4j.Log4jLogProvider;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.server.security.SecureHasher;
import org.neo4j.server.security.SystemGraphCredential;
import org.neo4j.server.security.auth.CommunitySecurityModule;
import org.neo4j.server.security.auth.FileUserRepository;

/**
 * Runs Neo4j Community embedded and serves Bolt on 127.0.0.1 until SIGTERM or SIGINT.
 *
 * <p>Authentication is on: the {@code neo4j} user's password is the one in {@code --password-file}
 * (graph/launcher/launcher.py generates it in the data dir). On the first start of a data dir it is
 * seeded as the initial password before Bolt opens, so no client ever sees the default {@code neo4j}
 * password; later starts find it in the system database.
 *
 * <p>stdout carries the lines graph/launcher/launcher.py waits for ({@link #READY_PREFIX}, {@link
 * #STOPPED_LINE}) plus Neo4j's user log; stderr carries exactly one line when startup fails.
 */
public final class Main {
    static final String READY_PREFIX = "racegraph-neo4j ready ";
    static final String STOPPED_LINE = "racegraph-neo4j stopped";
    static final String HOST = "127.0.0.1";
    static final String ADMIN_USER = "neo4j";

    private static final Duration AVAILABILITY_TIMEOUT = Duration.ofMinutes(5);

    private Main() {}

    public static void main(String[] args) {
        LauncherOptions options;
        try {
            options = LauncherOptions.parse(args);
        } catch (IllegalArgumentException e) {
            fail("bad arguments: " + e.getMessage() + " (usage: " + LauncherOptions.USAGE + ")");
            return;
        }
        DatabaseManagementService service;
        Path initialUsers;
        try {
            prepareDataDir(options.dataDir());
            checkPortFree(options.boltPort());
            initialUsers = seedInitialPassword(options.dataDir(), readPassword(options.passwordFile()));
            service = startService(options);
        } catch (LaunchException e) {
            fail(e.getMessage());
            return;
        } catch (RuntimeException | Error e) {
            // Neo4j may have started non-daemon threads before failing, so even an Error must end in exit.
            fail("Neo4j failed to start: " + rootMessage(e) + " (details in " + options.dataDir().resolve("logs")
                    + "/debug.log)");
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(service, stopped), "racegraph-neo4j-shutdown"));
        try {
            awaitDefaultDatabase(service);
            forgetInitialPassword(initialUsers);
        } catch (LaunchException e) {
            fail(e.getMessage());
            return;
        }
        System.out.println(READY_PREFIX + "bolt://" + HOST + ":" + options.boltPort());
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static DatabaseManagementService startService(LauncherOptions options) {
        return new DatabaseManagementServiceBuilder(options.dataDir())
                // Neo4j's own user log (startup, warnings) shares stdout with our ready line; stderr stays
                // reserved for the single failure line.
                .setUserLogProvider(new Log4jLogProvider(System.out, Level.INFO))
                .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress(HOST))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, options.boltPort()))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                // Any local process can reach 127.0.0.1; without auth it could write an ApiKey node and make
                // itself admin.
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                // The machine is offline and usage reports would only time out.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, options.pagecacheBytes())
                // Dev and test stores are throwaway: keep few, small, unpreallocated transaction logs.
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, 16L * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                // Netty's default quiet period (5s for each of Bolt's two event loop groups) would make
                // every stop take over 10s; nothing is in flight when the launcher is told to stop.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5))
                .build();
    }

    private static String readPassword(Path passwordFile) throws LaunchException {
        String password;
        try {
            password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        } catch (IOException | SecurityException e) {
            throw new LaunchException("cannot read the password file " + passwordFile + ": " + e);
        }
        if (password.isEmpty()) {
            throw new LaunchException("the password file " + passwordFile + " is empty");
        }
        return password;
    }

    /**
     * On the first start of a data dir, writes the {@code neo4j} user with {@code password} (no change
     * required) to the initial user file that Neo4j reads when it creates the system database, as
     * {@code neo4j-admin dbms set-initial-password} does. Returns that file, or null when the system
     * database already exists (it keeps the password from then on, and Neo4j ignores the file).
     */
    private static Path seedInitialPassword(Path dataDir, String password) throws LaunchException {
        Config config = Config.newBuilder().set(GraphDatabaseSettings.neo4j_home, dataDir).build();
        Path systemStore = config.get(GraphDatabaseInternalSettings.databases_root_path)
                .resolve(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        if (Files.exists(systemStore)) {
            return null;
        }
        Path initialUsers = CommunitySecurityModule.getInitialUserRepositoryFile(config);
        try (DefaultFileSystemAbstraction fs = new DefaultFileSystemAbstraction()) {
            Files.createDirectories(initialUsers.getParent());
            // A file left by a start that failed before the system database existed may hold another password.
            Files.deleteIfExists(initialUsers);
            FileUserRepository users = new FileUserRepository(
                    fs, initialUsers, NullLogProvider.getInstance(), EmptyMemoryTracker.INSTANCE);
            users.start();
            users.create(new User(ADMIN_USER, null, SystemGraphCredential.createCredentialForPassword(
                    password.getBytes(StandardCharsets.UTF_8), new SecureHasher()), false, false));
            users.shutdown();
        } catch (Exception e) {
            throw new LaunchException("cannot write the initial password to " + initialUsers + ": " + e);
        }
        return initialUsers;
    }

    /** The system database holds the password now; a second copy of its hash would only be one more to guard. */
    private static void forgetInitialPassword(Path initialUsers) throws LaunchException {
        if (initialUsers == null) {
            return;
        }
        try {
            Files.deleteIfExists(initialUsers);
        } catch (IOException e) {
            throw new LaunchException("cannot remove the initial password file " + initialUsers + ": " + e);
        }
    }

    private static void awaitDefaultDatabase(DatabaseManagementService service) throws LaunchException {
        GraphDatabaseService db = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        long deadline = System.nanoTime() + AVAILABILITY_TIMEOUT.toNanos();
        while (!db.isAvailable()) {
            if (System.nanoTime() > deadline) {
                throw new LaunchException("database '" + GraphDatabaseSettings.DEFAULT_DATABASE_NAME
                        + "' not available after " + AVAILABILITY_TIMEOUT.toSeconds() + "s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LaunchException("interrupted while waiting for the database");
            }
        }
    }

    private static void stop(DatabaseManagementService service, CountDownLatch stopped) {
        try {
            service.shutdown();
            System.out.println(STOPPED_LINE);
        } catch (RuntimeException e) {
            System.err.println("racegraph-neo4j: shutdown failed: " + rootMessage(e));
        } finally {
            System.out.flush();
            stopped.countDown();
        }
    }

    private static void prepareDataDir(Path dataDir) throws LaunchException {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException | SecurityException e) {
            throw new LaunchException("cannot create data dir " + dataDir + ": " + e);
        }
        if (!Files.isWritable(dataDir)) {
            throw new LaunchException("data dir " + dataDir + " is not writable");
        }
    }

    /** Fails fast with a clear message instead of a Bolt bind error deep inside Neo4j's startup. */
    private static void checkPortFree(int port) throws LaunchException {
        try (ServerSocket socket = new ServerSocket()) {
            // Matches what Netty sets, so a port in TIME_WAIT after a clean stop still counts as free.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            throw new LaunchException("bolt port " + HOST + ":" + port + " is already in use");
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    private static void fail(String message) {
        System.out.flush();
        System.err.println("racegraph-neo4j error: " + message);
        System.err.flush();
        // Neo4j may have left non-daemon threads behind; exit instead of returning from main.
        System.exit(1);
    }
}
