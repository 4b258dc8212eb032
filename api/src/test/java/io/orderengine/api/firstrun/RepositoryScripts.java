package io.orderengine.api.firstrun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The repository's documents and scripts as a newcomer runs them: code blocks of a Markdown file, run with bash. */
final class RepositoryScripts {

    private RepositoryScripts() {}

    /** The repository's root: the first folder upwards from the working directory that holds {@code README.md}. */
    static Path root() {
        Path folder = Path.of("").toAbsolutePath();
        while (folder != null
                && !(Files.exists(folder.resolve("README.md")) && Files.isDirectory(folder.resolve("docs")))) {
            folder = folder.getParent();
        }
        if (folder == null) {
            throw new IllegalStateException(
                    "no repository root above " + Path.of("").toAbsolutePath());
        }
        return folder;
    }

    static String read(String relative) {
        try {
            return Files.readString(root().resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The {@code ```bash} blocks of {@code markdown} that stand under a {@code ## } heading {@code sectionsStartingWith}
     * accepts, in document order.
     */
    static List<String> bashBlocks(String markdown, java.util.function.Predicate<String> section) {
        List<String> blocks = new ArrayList<>();
        String heading = "";
        StringBuilder block = null;
        for (String line : markdown.split("\n", -1)) {
            if (block != null) {
                if (line.equals("```")) {
                    if (section.test(heading)) {
                        blocks.add(block.toString());
                    }
                    block = null;
                } else {
                    block.append(line).append('\n');
                }
            } else if (line.startsWith("## ")) {
                heading = line.substring(3);
            } else if (line.equals("```bash")) {
                block = new StringBuilder();
            }
        }
        return blocks;
    }

    /** What a bash run printed (standard output and error together) and its exit status. */
    record Run(int exitCode, String output) {}

    /** Runs {@code script} with {@code bash -eu -o pipefail} in the repository's root, for at most {@code seconds}. */
    static Run bash(String script, long seconds, String... args) {
        try {
            List<String> command = new ArrayList<>(List.of("bash", "-eu", "-o", "pipefail", "-c", script, "bash"));
            command.addAll(List.of(args));
            return run(command, seconds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a program of the repository ({@code scripts/smoke}) with its arguments. */
    static Run program(List<String> command, long seconds) {
        try {
            return run(command, seconds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Run run(List<String> command, long seconds) throws IOException {
        Path log = Files.createTempFile("script", ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(root().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            boolean ended;
            try {
                ended = process.waitFor(seconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ended = false;
            }
            if (!ended) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            return new Run(ended ? process.exitValue() : -1, ended ? output : output + "\n[timed out]");
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
