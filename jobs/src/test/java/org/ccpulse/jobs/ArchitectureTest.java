package org.ccpulse.jobs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shape of the jobs module: each job is a package of its own under {@code org.ccpulse.jobs}
 * that depends only on the shared packages, never on another job; the shared packages depend on no
 * job. Only {@link Jobs} and {@link CcpulseMain}, in the root package, know every job.
 */
class ArchitectureTest {

    /** The packages every job may use; every other package under the root is a job's. */
    static final List<String> SHARED = List.of("platform", "intake", "calendar", "clickhouse");

    @Test
    void jobPackagesDependOnlyOnTheSharedPackages() {
        JavaClasses production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.ccpulse.jobs");
        jobsAreIndependent("org.ccpulse.jobs").check(production);
        sharedPackagesKnowNoJob("org.ccpulse.jobs").check(production);
    }

    @Test
    void theRulesCatchAJobUsingAnother() {
        JavaClasses fixture = new ClassFileImporter().importPackages("org.ccpulse.archfixture.jobs");
        assertThatThrownBy(
                        () -> jobsAreIndependent("org.ccpulse.archfixture.jobs").check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("AlphaJob")
                .hasMessageContaining("BetaJob");
        sharedPackagesKnowNoJob("org.ccpulse.archfixture.jobs").check(fixture);
    }

    static ArchRule jobsAreIndependent(String root) {
        return slices().assignedFrom(jobPackages(root))
                .should()
                .notDependOnEachOther()
                .because("a job depends only on the shared packages " + SHARED);
    }

    static ArchRule sharedPackagesKnowNoJob(String root) {
        String[] shared = SHARED.stream().map(p -> root + "." + p + "..").toArray(String[]::new);
        return noClasses()
                .that()
                .resideInAnyPackage(shared)
                .should()
                .dependOnClassesThat(DescribedPredicate.describe(
                        "are in a job package or the root package",
                        (JavaClass c) -> isUnder(c.getPackageName(), root)
                                && SHARED.stream().noneMatch(p -> isUnder(c.getPackageName(), root + "." + p))))
                .because("the shared packages serve every job and know none");
    }

    private static boolean isUnder(String pkg, String parent) {
        return pkg.equals(parent) || pkg.startsWith(parent + ".");
    }

    /** Each package right under the root that is not shared is one job's slice; everything else is in no slice. */
    private static SliceAssignment jobPackages(String root) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String pkg = javaClass.getPackageName();
                if (!pkg.startsWith(root + ".")) {
                    return SliceIdentifier.ignore();
                }
                String top = pkg.substring(root.length() + 1).split("\\.")[0];
                return SHARED.contains(top) ? SliceIdentifier.ignore() : SliceIdentifier.of(top);
            }

            @Override
            public String getDescription() {
                return "job packages under " + root;
            }
        };
    }
}
