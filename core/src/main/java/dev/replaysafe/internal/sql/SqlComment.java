package dev.replaysafe.internal.sql;

/**
 * A comment of a SQL file, kept because directives ({@code -- replaysafe:no-transaction}) and
 * waivers ({@code -- replaysafe:allow RULE reason}) live in comments.
 *
 * @param text the comment without its {@code --} or {@code /* *}{@code /} markers, trimmed
 * @param line 1-based line where it starts
 */
public record SqlComment(String text, int line) {
}
