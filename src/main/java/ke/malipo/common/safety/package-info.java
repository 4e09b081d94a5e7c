/**
 * What keeps local-only conveniences away from real deployments.
 */
@NullMarked
package ke.malipo.common.safety;

import org.jspecify.annotations.NullMarked;
