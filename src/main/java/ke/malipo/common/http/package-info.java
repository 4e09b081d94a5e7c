/** What every HTTP request must respect before any module reads it. */
@NullMarked
package ke.malipo.common.http;

import org.jspecify.annotations.NullMarked;
