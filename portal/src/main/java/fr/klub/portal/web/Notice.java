package fr.klub.portal.web;

import java.io.Serializable;

/** What a click did, said next to where it happened ({@code target} is the cell's id). */
public record Notice(String target, String text) implements Serializable {

    public boolean at(String id) {
        return target != null && target.equals(id);
    }
}
