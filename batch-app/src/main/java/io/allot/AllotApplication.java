package io.allot;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring Boot application behind ./allot; {@link io.allot.cli.AllotMain} starts it. */
@SpringBootApplication
public class AllotApplication {}
