package org.ccpulse.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CheckpointStatsTest {

    /** Shaped like Flink 2.2's answer to GET /jobs/:id/checkpoints, cut down to what is read. */
    private static final String ANSWER = """
            {"counts":{"restored":0,"total":5,"in_progress":1,"completed":3,"failed":1},
             "summary":{"end_to_end_duration":{"min":100,"max":900,"avg":400,"p50":200.0}},
             "latest":{"completed":{"id":4,"status":"COMPLETED"}},
             "history":[
               {"className":"in_progress","id":5,"status":"IN_PROGRESS","is_savepoint":false,"trigger_timestamp":5000,
                "end_to_end_duration":50,"state_size":0,"checkpointed_size":0},
               {"className":"completed","id":4,"status":"COMPLETED","is_savepoint":false,"trigger_timestamp":4000,
                "end_to_end_duration":900,"state_size":3000,"checkpointed_size":700},
               {"className":"failed","id":3,"status":"FAILED","is_savepoint":false,"trigger_timestamp":3000,
                "end_to_end_duration":10,"state_size":0,"checkpointed_size":0},
               {"className":"completed","id":2,"status":"COMPLETED","is_savepoint":false,"trigger_timestamp":2000,
                "end_to_end_duration":200,"state_size":2000,"checkpointed_size":1200},
               {"className":"completed","id":1,"status":"COMPLETED","is_savepoint":false,"trigger_timestamp":1000,
                "end_to_end_duration":100,"state_size":800,"checkpointed_size":800}]}
            """;

    @Test
    void readsCountsAndTheCompletedCheckpointsOfTheHistory() throws Exception {
        CheckpointStats stats = CheckpointStats.parse(new ObjectMapper().readTree(ANSWER));

        assertThat(stats.completed()).isEqualTo(3);
        assertThat(stats.failed()).isEqualTo(1);
        assertThat(stats.inProgress()).isEqualTo(1);
        assertThat(stats.history()).extracting(CheckpointStats.Checkpoint::id).containsExactly(1L, 2L, 4L);
        assertThat(stats.latest()).isEqualTo(new CheckpointStats.Checkpoint(4, 4000, 900, 3000, 700));
        assertThat(stats.durationPercentileMs(50)).isEqualTo(200);
        assertThat(stats.maxDurationMs()).isEqualTo(900);
        assertThat(stats.summary()).contains("3 completed", "p50 0.20 s", "max 0.90 s", "#4");
    }

    @Test
    void noCheckpointYet() throws Exception {
        CheckpointStats stats = CheckpointStats.parse(new ObjectMapper()
                .readTree("{\"counts\":{\"completed\":0,\"failed\":0,\"in_progress\":0},\"history\":[]}"));

        assertThat(stats.latest()).isNull();
        assertThat(stats.durationPercentileMs(50)).isEqualTo(-1);
        assertThat(stats.summary()).contains("0 completed", "p50 -");
    }
}
