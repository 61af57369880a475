package org.cir4j.app;

/** Placeholder entry point until the CLI lands. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("cir4j");
    }
}
