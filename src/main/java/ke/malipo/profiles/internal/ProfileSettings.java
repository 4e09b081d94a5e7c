package ke.malipo.profiles.internal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the profiles module.
 *
 * @param photoMaxBytes the largest photo accepted for upload (a phone's camera picture
 * fits; the stored copy is much smaller)
 * @param photoMaxPixels the most pixels an uploaded photo may declare, checked before it
 * is decoded, so a small file that unpacks to a huge image cannot exhaust memory
 * @param photoSize the width and height, in pixels, of the square photo that is kept
 */
@ConfigurationProperties("malipo.profiles")
@Validated
public record ProfileSettings(@DefaultValue("5242880") @Min(1024) @Max(20971520) int photoMaxBytes,
		@DefaultValue("40000000") @Min(10000) long photoMaxPixels,
		@DefaultValue("400") @Min(64) @Max(1024) int photoSize) {
}
