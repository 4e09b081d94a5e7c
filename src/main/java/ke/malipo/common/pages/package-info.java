/**
 * What pages share beyond templates: the words of a page in its language.
 */
@NullMarked
package ke.malipo.common.pages;

import org.jspecify.annotations.NullMarked;
