package org.ccpulse.schemas.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.ccpulse.schemas.docs.MarkdownLinks.BrokenLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link in the repository's Markdown resolves inside the repository, so a fresh
 * clone has every page and file its documents point to. The checker itself is tested on small
 * made-up repositories, so this test cannot pass by finding nothing.
 */
class MarkdownLinksTest {

    /** The repository root: the parent of this module's folder (surefire runs in the module's basedir). */
    private static Path repositoryRoot() {
        Path module =
                Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize();
        Path root = module.getParent();
        assertThat(module.resolve("pom.xml")).as("the schemas module's pom").isRegularFile();
        assertThat(root.resolve("pom.xml"))
                .as("the parent pom at the repository root")
                .isRegularFile();
        return root;
    }

    @Test
    void everyRelativeLinkInTheRepositoryResolvesInsideIt() {
        Path root = repositoryRoot();
        List<Path> files = MarkdownLinks.markdownFiles(root);
        assertThat(files)
                .as("Markdown files found from %s", root)
                .contains(
                        root.resolve("README.md"),
                        root.resolve("schemas/EVENTS.md"),
                        root.resolve("schemas/METRICS.md"),
                        root.resolve("schemas/README.md"));

        List<BrokenLink> broken = MarkdownLinks.check(root);

        assertThat(broken)
                .as(
                        "broken links in the repository's Markdown:%n%s",
                        broken.stream().map(BrokenLink::toString).collect(Collectors.joining("\n")))
                .isEmpty();
    }

    @Test
    void aLinkToAMissingFileIsReportedWithFileAndLine(@TempDir Path root) throws IOException {
        write(root, "docs/guide.md", "# Guide\n\nSee [the setup](setup.md) and [the code](../src/).\n");
        Files.createDirectories(root.resolve("src"));

        assertThat(MarkdownLinks.check(root))
                .containsExactly(new BrokenLink(
                        Path.of("docs/guide.md"), 3, "setup.md", "no such file or folder: docs/setup.md"));
    }

    @Test
    void aLinkOutsideTheRepositoryIsReportedEvenWhenTheFileExistsThere(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("repo");
        write(dir, "shared/contracts/EVENTS.md", "# Events\n");
        write(root, "README.md", "The [contract](../shared/contracts/EVENTS.md).\n");

        assertThat(MarkdownLinks.check(root))
                .extracting(BrokenLink::line, BrokenLink::why)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "points outside the repository"));
    }

    @Test
    void referenceStyleLinksImagesAndLinksInTablesAreChecked(@TempDir Path root) throws IOException {
        write(root, "README.md", """
                # Title

                | a | b |
                |---|---|
                | [cell](missing-in-table.md) | ok |

                ![diagram](img/missing.png)

                See [the guide][guide].

                [guide]: docs/missing-guide.md
                [unused]: also-missing.md
                """);

        assertThat(MarkdownLinks.check(root))
                .extracting(BrokenLink::destination)
                .containsExactlyInAnyOrder(
                        "missing-in-table.md",
                        "img/missing.png",
                        "docs/missing-guide.md",
                        "docs/missing-guide.md",
                        "also-missing.md");
    }

    @Test
    void codeUrlsAndGoodLinksAreNotReported(@TempDir Path root) throws IOException {
        write(root, "schemas/EVENTS.md", "# Events\n\n## Topic `contact-events`\n");
        write(root, "my file.md", "# Spaces\n");
        write(root, "README.md", """
                # Project

                ```
                [in a fence](../nowhere.md)
                ```

                    [indented code](../nowhere.md)

                Inline `[code](../nowhere.md)` is text.

                [web](https://example.org/x.md), [mail](mailto:a@example.org), <https://example.org>,
                [folder](schemas/), [folder without slash](schemas), [root-relative](/schemas/EVENTS.md),
                [encoded](my%20file.md), [with anchor](schemas/EVENTS.md#topic-contact-events),
                [here](#project).
                """);

        assertThat(MarkdownLinks.check(root)).isEmpty();
    }

    @Test
    void anAnchorMustNameAHeadingOfItsMarkdownFile(@TempDir Path root) throws IOException {
        write(root, "METRICS.md", """
                # Metrics

                ## First-contact resolution (repeat contacts)

                ## Notes

                ## Notes
                """);
        write(root, "README.md", """
                [ok](METRICS.md#first-contact-resolution-repeat-contacts)
                [second notes](METRICS.md#notes-1)
                [bad](METRICS.md#fcr)
                [bad here](#nothing)
                """);

        assertThat(MarkdownLinks.check(root))
                .extracting(BrokenLink::toString)
                .containsExactly(
                        "README.md:3: (METRICS.md#fcr) no heading with anchor #fcr in METRICS.md",
                        "README.md:4: (#nothing) no heading with anchor #nothing in README.md");
    }

    @Test
    void buildOutputAndDotFoldersAreNeitherReadNorValidTargets(@TempDir Path root) throws IOException {
        write(root, "target/notes.md", "[x](nowhere.md)\n");
        write(root, "web/node_modules/pkg/README.md", "[x](nowhere.md)\n");
        write(root, ".cache/README.md", "[x](nowhere.md)\n");
        write(root, "jobs/target/app.jar", "");
        write(root, "README.md", "[jar](jobs/target/app.jar)\n");

        assertThat(MarkdownLinks.markdownFiles(root)).containsExactly(root.resolve("README.md"));
        assertThat(MarkdownLinks.check(root))
                .extracting(BrokenLink::why)
                .containsExactly("points into build output, which a clone does not have");
    }

    @Test
    void slugsFollowGitHub() {
        assertThat(MarkdownLinks.slug("Customer value (RFM) and churn alerts"))
                .isEqualTo("customer-value-rfm-and-churn-alerts");
        assertThat(MarkdownLinks.slug("Topic churn-alerts (defined, not built yet)"))
                .isEqualTo("topic-churn-alerts-defined-not-built-yet");
        assertThat(MarkdownLinks.slug("What is rejected, and why?")).isEqualTo("what-is-rejected-and-why");
        assertThat(MarkdownLinks.slug("snake_case & C++")).isEqualTo("snake_case--c");
    }

    private static void write(Path root, String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
