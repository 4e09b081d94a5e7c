@NullMarked
package ke.malipo.payments.web;

import org.jspecify.annotations.NullMarked;
