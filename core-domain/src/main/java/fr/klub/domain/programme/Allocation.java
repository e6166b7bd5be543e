package fr.klub.domain.programme;

/** How a programme's online places are given: to the first clicks, or by a draw over ranked wishes (product.md §10). */
public enum Allocation {
    FIRST_COME,
    LOTTERY
}
