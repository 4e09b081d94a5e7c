@NullMarked
package ke.malipo.simulator.web;

import org.jspecify.annotations.NullMarked;
