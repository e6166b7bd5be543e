package fr.klub.domain.family;

/** Why a family was erased: its own request (through staff), or the retention rule. */
public enum ErasureCause {
    REQUEST,
    RETENTION
}
