package io.chatplatform.adapter.http.internal.json;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Formats instants as the API shows them, {@code 2026-11-27T14:31:05.123Z}, by arithmetic: every
 * message of every history page carries one, and {@code DateTimeFormatter} showed as a sizeable
 * part of a cached read's CPU. Years outside 0000..9999 fall back to the formatter.
 */
final class Timestamps {

    private Timestamps() {
    }

    static String format(Instant instant) {
        long epochSecond = instant.getEpochSecond();
        long epochDay = Math.floorDiv(epochSecond, 86_400);
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400);
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return Json.TIMESTAMP.format(instant);
        }
        char[] text = new char[24];
        four(text, 0, year);
        text[4] = '-';
        two(text, 5, date.getMonthValue());
        text[7] = '-';
        two(text, 8, date.getDayOfMonth());
        text[10] = 'T';
        two(text, 11, secondOfDay / 3600);
        text[13] = ':';
        two(text, 14, secondOfDay / 60 % 60);
        text[16] = ':';
        two(text, 17, secondOfDay % 60);
        text[19] = '.';
        int millis = instant.getNano() / 1_000_000;
        text[20] = (char) ('0' + millis / 100);
        text[21] = (char) ('0' + millis / 10 % 10);
        text[22] = (char) ('0' + millis % 10);
        text[23] = 'Z';
        return new String(text);
    }

    private static void two(char[] text, int at, int value) {
        text[at] = (char) ('0' + value / 10);
        text[at + 1] = (char) ('0' + value % 10);
    }

    private static void four(char[] text, int at, int value) {
        two(text, at, value / 100);
        two(text, at + 2, value % 100);
    }
}
