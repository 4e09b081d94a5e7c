@NullMarked
package ke.malipo.operations.web;

import org.jspecify.annotations.NullMarked;
