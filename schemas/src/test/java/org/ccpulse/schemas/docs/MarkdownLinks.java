package org.ccpulse.schemas.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Checks the relative links of a repository's Markdown files the way GitHub reads them: every
 * link ({@code [text](path)}, {@code [text](path#anchor)}, {@code ![alt](path)}, reference-style
 * {@code [x]: path}) must name a file or folder that exists inside the repository, and an anchor
 * into a Markdown file must name one of its headings. Markdown is parsed with commonmark-java, so
 * links inside code blocks and inline code are not links. URLs with a scheme ({@code https:},
 * {@code mailto:}, ...) are not checked.
 */
final class MarkdownLinks {

    /** A link that does not resolve: where it is, what it says and why it fails. */
    record BrokenLink(Path file, int line, String destination, String why) {
        @Override
        public String toString() {
            return file + ":" + line + ": (" + destination + ") " + why;
        }
    }

    /** Folders that are not part of a clone, or not ours: build output, dependencies, dot-folders. */
    private static final Set<String> SKIPPED_FOLDERS = Set.of("target", "node_modules");

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    /** GitHub's heading slugs keep letters, marks, digits, connector punctuation (_), spaces and hyphens. */
    private static final Pattern NOT_IN_SLUG = Pattern.compile("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]");

    private static final Pattern HTML_ANCHOR = Pattern.compile("\\b(?:id|name)\\s*=\\s*[\"']([^\"']+)[\"']");

    private static final Parser PARSER = Parser.builder()
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
            .build();

    private final Path root;
    private final Map<Path, Node> documents = new HashMap<>();

    private MarkdownLinks(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Every {@code *.md} file under {@code root}, skipping {@code target/}, {@code node_modules/} and dot-folders. */
    static List<Path> markdownFiles(Path root) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name =
                            dir.getFileName() == null ? "" : dir.getFileName().toString();
                    boolean skipped = !dir.equals(root) && (SKIPPED_FOLDERS.contains(name) || name.startsWith("."));
                    return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && file.getFileName().toString().endsWith(".md")) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(null);
        return files;
    }

    /** The broken links of every Markdown file under {@code root}, in file and line order. */
    static List<BrokenLink> check(Path root) {
        MarkdownLinks checker = new MarkdownLinks(root);
        List<BrokenLink> broken = new ArrayList<>();
        for (Path file : markdownFiles(checker.root)) {
            broken.addAll(checker.checkFile(file));
        }
        return broken;
    }

    private List<BrokenLink> checkFile(Path file) {
        List<BrokenLink> broken = new ArrayList<>();
        document(file).accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                checkLink(file, link, link.getDestination(), broken);
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                checkLink(file, image, image.getDestination(), broken);
                visitChildren(image);
            }

            @Override
            public void visit(LinkReferenceDefinition definition) {
                checkLink(file, definition, definition.getDestination(), broken);
            }
        });
        return broken;
    }

    private void checkLink(Path file, Node node, String destination, List<BrokenLink> broken) {
        String why = whyBroken(file, destination);
        if (why != null) {
            int line = node.getSourceSpans().isEmpty()
                    ? 0
                    : node.getSourceSpans().get(0).getLineIndex() + 1;
            broken.add(new BrokenLink(root.relativize(file), line, destination, why));
        }
    }

    /** Why {@code destination}, a link in {@code file}, does not resolve; null when it does or is not ours to check. */
    private String whyBroken(Path file, String destination) {
        if (destination.isEmpty()) {
            return "empty link";
        }
        if (SCHEME.matcher(destination).find() || destination.startsWith("//")) {
            return null; // a URL: https:, mailto:, ...
        }
        int hash = destination.indexOf('#');
        String path = hash < 0 ? destination : destination.substring(0, hash);
        String anchor = hash < 0 ? null : decode(destination.substring(hash + 1));
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        Path target;
        if (path.isEmpty()) {
            target = file;
        } else {
            path = decode(path);
            // GitHub reads a leading slash as the repository root
            target = (path.startsWith("/")
                            ? root.resolve(path.substring(1))
                            : file.getParent().resolve(path))
                    .normalize();
            if (!target.startsWith(root)) {
                return "points outside the repository";
            }
            for (Path segment : root.relativize(target)) {
                if (SKIPPED_FOLDERS.contains(segment.toString())) {
                    return "points into build output, which a clone does not have";
                }
            }
            if (!Files.exists(target)) {
                return "no such file or folder: " + root.relativize(target);
            }
        }
        if (anchor != null
                && !anchor.isEmpty()
                && Files.isRegularFile(target)
                && target.getFileName().toString().endsWith(".md")
                && !anchors(target).contains(anchor)) {
            return "no heading with anchor #" + anchor + " in " + root.relativize(target);
        }
        return null;
    }

    /** The anchors GitHub gives a Markdown file: one per heading, plus HTML {@code id} / {@code name} attributes. */
    private Set<String> anchors(Path file) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        document(file).accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                String slug = slug(text(heading));
                int repeats = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(repeats == 0 ? slug : slug + "-" + repeats);
            }

            @Override
            public void visit(HtmlBlock html) {
                htmlAnchors(html.getLiteral(), anchors);
            }

            @Override
            public void visit(HtmlInline html) {
                htmlAnchors(html.getLiteral(), anchors);
            }
        });
        return anchors;
    }

    /** GitHub's anchor for a heading's text: lower case, punctuation removed except - and _, spaces to -. */
    static String slug(String headingText) {
        return NOT_IN_SLUG
                .matcher(headingText.toLowerCase(Locale.ROOT))
                .replaceAll("")
                .replace(' ', '-');
    }

    private static String text(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                text.append(t.getLiteral());
            }

            @Override
            public void visit(Code code) {
                text.append(code.getLiteral());
            }
        });
        return text.toString();
    }

    private static void htmlAnchors(String html, Set<String> anchors) {
        Matcher m = HTML_ANCHOR.matcher(html);
        while (m.find()) {
            anchors.add(m.group(1));
        }
    }

    private Node document(Path file) {
        return documents.computeIfAbsent(file, f -> {
            try {
                return PARSER.parse(Files.readString(f, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Percent-decodes a link's path or anchor ({@code my%20file.md}); a plus sign stays a plus sign. */
    private static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a stray %: take it literally
        }
    }
}
