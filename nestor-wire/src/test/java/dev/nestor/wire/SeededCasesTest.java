package dev.nestor.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The seeded-loop runner behind the fuzz tests: same cases every run, and a failure names the seed that replays it. */
class SeededCasesTest {
    @BeforeEach
    void notReplaying() {
        Assumptions.assumeFalse(SeededCases.replaying(), "-Dnestor.fuzz.replay runs one case; these tests check full runs");
    }

    @Test
    void runsEveryCaseWithTheSameSeedsEachTime() {
        List<Long> first = new ArrayList<>();
        List<Long> second = new ArrayList<>();
        SeededCases.run("p", 42L, 100, (random, label) -> first.add(random.nextLong()));
        SeededCases.run("p", 42L, 100, (random, label) -> second.add(random.nextLong()));
        assertThat(first).hasSize(100).doesNotHaveDuplicates().isEqualTo(second);
    }

    @Test
    void aFailedAssertionNamesCaseAndTheSeedThatReplaysIt() {
        List<Long> inputs = new ArrayList<>();
        AssertionError failure = catchThrowableOfType(AssertionError.class, () -> SeededCases.run("prop", 7L, 10,
                (random, label) -> {
                    inputs.add(random.nextLong());
                    assertThat(inputs).hasSizeLessThan(4);
                }));
        Matcher seed = Pattern.compile("prop case 3/10 seed (-?\\d+)L").matcher(failure.getMessage());
        assertThat(seed.find()).as(failure.getMessage()).isTrue();
        assertThat(new SplittableRandom(Long.parseLong(seed.group(1))).nextLong()).isEqualTo(inputs.get(3));
    }

    @Test
    void aLabelledAssertionIsNotWrappedAgain() {
        assertThatThrownBy(() -> SeededCases.run("prop", 7L, 10,
                (random, label) -> assertThat(false).as(label).isTrue()))
                .isInstanceOf(AssertionError.class).hasNoCause().hasMessageContaining("prop case 0/10 seed ");
    }

    @Test
    void anExceptionBecomesAFailureNamingTheSeed() {
        assertThatThrownBy(() -> SeededCases.run("prop", 7L, 10, (random, label) -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(AssertionError.class).hasMessageContaining("prop case 0/10 seed ")
                .hasMessageContaining("boom").hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void aStackOverflowBecomesAFailureToo() {
        assertThatThrownBy(() -> SeededCases.run("prop", 7L, 1, (random, label) -> recurse(0)))
                .isInstanceOf(AssertionError.class).hasCauseInstanceOf(StackOverflowError.class);
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }
}
