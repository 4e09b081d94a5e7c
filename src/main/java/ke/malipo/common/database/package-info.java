@NullMarked
package ke.malipo.common.database;

import org.jspecify.annotations.NullMarked;
