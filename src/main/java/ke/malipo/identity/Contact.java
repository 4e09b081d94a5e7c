package ke.malipo.identity;

import ke.malipo.common.phone.Msisdn;
import org.jspecify.annotations.Nullable;

/**
 * How to reach someone, for the modules that tell people things: their name, email and
 * phone number (when they gave one).
 */
public record Contact(UserId id, String name, String email, @Nullable Msisdn phone) {
}
