package fr.klub.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The sweep's settings as the command-service's arguments, and its table's rows. */
class ClickSweepTest {

    @Test
    void aSettingBecomesTheGroupCommitsArguments() {
        assertThat(ClickSweep.Config.parse(" window=3ms,max-size=64 ").arguments()).containsExactly(
                "--klub.demande.max-open-drafts=100", "--klub.command.group-commit.enabled=true",
                "--klub.command.group-commit.window=3ms", "--klub.command.group-commit.max-size=64");
        assertThat(ClickSweep.Config.parse("off").arguments())
                .containsExactly("--klub.demande.max-open-drafts=100", "--klub.command.group-commit.enabled=false");
        assertThatThrownBy(() -> ClickSweep.Config.parse("window")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachSettingIsOneRowWithItsRatiosCorrectnessAndCpu() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("setting", "window=1ms,max-size=32");
        row.put("hotP99Ratio", 4.2);
        row.put("hotP99SecondHalfRatio", 3.1);
        row.put("rushThroughputRatio", 0.31);
        row.put("hotSession", Map.of("klub", Map.of("attemptsPerSecond", 1400L, "allBurstsExactlyPlaces", true,
                "oversells", 0L, "unexpectedErrors", 0L, "cpuMsPerAttempt", Map.of("command-service", 1.5, "total", 3.2))));
        row.put("openingRush", Map.of(
                "klub", Map.of("reservationsPerSecond", 280L, "errors", 0L, "latency", Map.of("p99Ms", 410.5),
                        "cpuMsPerAttempt", Map.of("command-service", 1.7, "total", 4.4)),
                "baseline", Map.of("reservationsPerSecond", 903L)));

        String[] lines = ClickSweep.table(List.of(row)).split("\n");

        assertThat(lines).hasSize(3);
        assertThat(lines[2]).isEqualTo("| window=1ms,max-size=32 | 4.2 × (3.1 ×) | 1400 | exactly the places in every "
                + "burst, 0 oversold, 0 errors | 0.31 (280 / 903) × | 410.5, 0 | 1.5 / 1.7 | 3.2 / 4.4 |");
    }
}
