package fr.klub.query.export;

import java.util.UUID;

/**
 * One section of a family's personal-data export (product.md §11), contributed by the read model that holds it, so
 * that a new read model about families adds its own part without touching the export.
 */
public interface ExportPart {

    /** The section's key in the export document. */
    String name();

    /** Where the section goes in the document (smaller first). */
    int order();

    /** What the read model holds about the family, ready to be written as JSON. */
    Object of(UUID familyId);
}
