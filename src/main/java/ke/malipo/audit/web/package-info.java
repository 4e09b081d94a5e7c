@NullMarked
package ke.malipo.audit.web;

import org.jspecify.annotations.NullMarked;
