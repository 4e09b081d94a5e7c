/**
 * The shared kernel: money, phone numbers, time, problem details and the database
 * bootstrap that every module may use.
 */
@ApplicationModule(displayName = "Common", type = ApplicationModule.Type.OPEN)
@NullMarked
package ke.malipo.common;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
