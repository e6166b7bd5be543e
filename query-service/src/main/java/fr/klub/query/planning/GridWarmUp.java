package fr.klub.query.planning;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.klub.query.warmup.WarmUpStep;

/**
 * Before readiness: every programme's figures in memory, then {@code warm-up-reads} grid reads
 * (the shared figures, the per-family queries with two children nobody has, the JSON) spread over
 * the programmes, so that the code parents hit first is compiled and the connections' statements
 * prepared.
 */
@Component
class GridWarmUp implements WarmUpStep {

    /** A service whose read models are still far behind warms up without its grid rather than never. */
    private static final Duration FOLLOWED_WAIT = Duration.ofMinutes(1);

    private final SharedGrid grid;
    private final PlanningQuery query;
    private final ObjectMapper json;
    private final GridProperties properties;

    GridWarmUp(SharedGrid grid, PlanningQuery query, ObjectMapper json, GridProperties properties) {
        this.grid = grid;
        this.query = query;
        this.json = json;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "planning grid";
    }

    @Override
    public void warmUp() throws InterruptedException {
        // the figures are loaded once the read models have caught up, which the readiness waited for
        long deadline = System.nanoTime() + FOLLOWED_WAIT.toNanos();
        while (!grid.isFollowed()) {
            if (System.nanoTime() - deadline > 0) {
                return;
            }
            Thread.sleep(20);
        }
        List<UUID> programmes = grid.programmes();
        if (programmes.isEmpty()) {
            return;
        }
        List<UUID> nobody = Stream.generate(UUID::randomUUID).limit(2).toList();
        for (int read = 0; read < properties.warmUpReads(); read++) {
            Planning planning = query.readForWarmUp(programmes.get(read % programmes.size()), nobody);
            try {
                json.writeValueAsBytes(planning);
            } catch (JsonProcessingException unexpected) {
                throw new IllegalStateException(unexpected);
            }
        }
    }
}
