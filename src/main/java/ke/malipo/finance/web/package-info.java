@NullMarked
package ke.malipo.finance.web;

import org.jspecify.annotations.NullMarked;
