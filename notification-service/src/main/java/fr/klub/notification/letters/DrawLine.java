package fr.klub.notification.letters;

import java.time.LocalDate;

import fr.klub.domain.shared.Period;

/**
 * One line of the lottery's result letter: what a child obtained ({@code position} null) or where
 * it waits ({@code position}: 1 = first of that session's waiting list after the draw).
 */
public record DrawLine(String child, String activity, LocalDate date, Period period, Integer position) {

    public boolean obtained() {
        return position == null;
    }
}
