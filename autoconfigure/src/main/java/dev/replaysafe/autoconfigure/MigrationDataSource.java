package dev.replaysafe.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Marks the {@code DataSource} that migrations run on, when it is not the application's (for
 * example one logging in as the schema owner while the application's role cannot change the
 * schema), as {@code @FlywayDataSource} does for Flyway. Mark the application's own
 * {@code DataSource} {@code @Primary} next to it.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface MigrationDataSource {

}
