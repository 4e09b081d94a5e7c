/**
 * Who is using Malipo: accounts, roles, registration, sign-in with throttling, JWT bearer
 * tokens for the API and form login for pages.
 */
@ApplicationModule(displayName = "Identity", allowedDependencies = "common")
@NullMarked
package ke.malipo.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
