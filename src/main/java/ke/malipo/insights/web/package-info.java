@NullMarked
package ke.malipo.insights.web;

import org.jspecify.annotations.NullMarked;
