@NullMarked
package ke.malipo.identity.web;

import org.jspecify.annotations.NullMarked;
