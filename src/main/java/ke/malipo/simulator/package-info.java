/**
 * A faithful stand-in for Safaricom's Daraja API and a virtual phone, so the whole
 * product runs and is tested with no Safaricom account. It talks to the rest of Malipo
 * only over HTTP, exactly as Safaricom does, and is absent in production.
 */
@ApplicationModule(displayName = "Simulator", allowedDependencies = "common")
@NullMarked
package ke.malipo.simulator;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
