/** The directory and profiles over HTTP: the JSON API and the pages. */
@NullMarked
package ke.malipo.profiles.web;

import org.jspecify.annotations.NullMarked;
