@NullMarked
package ke.malipo.reconciliation.web;

import org.jspecify.annotations.NullMarked;
