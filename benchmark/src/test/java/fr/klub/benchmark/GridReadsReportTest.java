package fr.klub.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The grid reads' rows of the benchmark's table, from figures shaped as GridPolling gives them. */
class GridReadsReportTest {

    @Test
    void theRowsSayWhetherEachTargetIsMet() {
        Map<String, Object> grid = new LinkedHashMap<>();
        grid.put("pollingPeriodSeconds", 10L);
        grid.put("queryServiceRestartToReadyMs", 123_000L);
        grid.put("coldRightAfterRestart", figures(12_906.66, 16_441.17, 71));
        grid.put("warmSameLoad", figures(19.25, 114.95, 0));
        grid.put("duringRush", Map.of("klub", figures(225.23, 952.23, 0), "baseline", figures(102.33, 395.34, 0)));
        grid.put("duringRushP99Ratio", 2.41);

        StringBuilder md = new StringBuilder();
        Report.gridRows(md, grid);

        String[] rows = md.toString().split("\n");
        assertThat(rows).hasSize(3);
        assertThat(rows[0]).startsWith("| grid reads during the rush (100 parents, each every 10 s)")
                .contains("225.23 / 952.23 / 1000.0, 0", "102.33 / 395.34 / 1000.0, 0", "2.41 (p99)").endsWith("| yes |");
        assertThat(rows[1]).contains("right after the query-service's restart (ready after 123000 ms)")
                .contains("12906.66 / 16441.17 / 1000.0, 71").endsWith("| **no** |");
        assertThat(rows[2]).contains("the same load, warm").endsWith("| yes |");
    }

    private static Map<String, Object> figures(double p50, double p99, long errors) {
        Map<String, Object> latency = Map.of("count", 100, "p50Ms", p50, "p99Ms", p99, "maxMs", 1000.0);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("parents", 100);
        figures.put("seconds", 30.0);
        figures.put("errors", errors);
        figures.put("latency", latency);
        figures.put("latencyFirstReadOfEachParent", latency);
        return figures;
    }
}
