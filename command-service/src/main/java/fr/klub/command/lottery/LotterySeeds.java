package fr.klub.command.lottery;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import fr.klub.domain.lottery.LotterySeedVault;
import fr.klub.domain.programme.Lottery;

/**
 * The secret seeds of lottery programmes (32 bytes from SecureRandom), kept out of the event store
 * until the draw reveals them; only the commitment goes into the history. Seeds are never logged.
 */
@Component
public class LotterySeeds implements LotterySeedVault {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;

    LotterySeeds(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a fresh seed for the programme (before the programme exists); returns its commitment. */
    public String generate(UUID programmeId) {
        byte[] seed = new byte[32];
        RANDOM.nextBytes(seed);
        jdbc.update("INSERT INTO lottery_seeds (programme_id, seed) VALUES (?, ?)", programmeId, seed);
        return Lottery.commitmentOf(seed);
    }

    public Optional<byte[]> seedBytesOf(UUID programmeId) {
        List<byte[]> seeds = jdbc.query("SELECT seed FROM lottery_seeds WHERE programme_id = ?",
                (row, index) -> row.getBytes(1), programmeId);
        return seeds.stream().findFirst();
    }

    @Override
    public Optional<String> seedOf(UUID programmeId) {
        return seedBytesOf(programmeId).map(HexFormat.of()::formatHex);
    }
}
