/**
 * Psychologists as clients choose them: public profiles (bio, specialties, languages,
 * online or in person, location, licence number, photo) and the directory that searches
 * them. Name and rate stay with the account; free times are booking's.
 */
@ApplicationModule(displayName = "Profiles", allowedDependencies = { "common", "identity" })
@NullMarked
package ke.malipo.profiles;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
