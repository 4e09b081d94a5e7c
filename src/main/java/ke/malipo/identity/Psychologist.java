package ke.malipo.identity;

import ke.malipo.common.money.Kes;

/** A psychologist as clients see them when booking: who, and what a session costs. */
public record Psychologist(UserId id, String name, Kes sessionRate) {
}
