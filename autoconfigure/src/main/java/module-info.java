/**
 * replaysafe's Spring Boot wiring. Spring reads the configuration classes by reflection, hence
 * the {@code opens}; actuator, health and Micrometer are optional, as in the pom.
 */
module dev.replaysafe.autoconfigure {
	requires transitive dev.replaysafe;
	requires java.sql;
	requires org.apache.commons.logging;
	requires org.slf4j;
	requires spring.beans;
	requires spring.context;
	requires spring.core;
	requires spring.jdbc;
	requires spring.boot;
	requires spring.boot.autoconfigure;
	requires spring.boot.jdbc;
	requires spring.boot.sql;
	requires static spring.boot.actuator;
	requires static spring.boot.actuator.autoconfigure;
	requires static spring.boot.health;
	requires static micrometer.core;

	exports dev.replaysafe.autoconfigure;

	opens dev.replaysafe.autoconfigure to spring.core, spring.beans, spring.context;
}
