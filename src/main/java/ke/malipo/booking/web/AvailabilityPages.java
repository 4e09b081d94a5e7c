package ke.malipo.booking.web;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import ke.malipo.booking.internal.Availability;
import ke.malipo.booking.internal.Schedules;
import ke.malipo.common.pages.PageController;
import ke.malipo.common.problem.InvalidInputException;
import ke.malipo.common.problem.MalipoException;
import ke.malipo.common.time.Eat;
import ke.malipo.identity.CurrentUser;
import ke.malipo.identity.UserId;
import org.jspecify.annotations.Nullable;

import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A psychologist's hours page (one stretch and one break a day, days off, automatic
 * approval), and the free times a client picks from on a profile, a week at a time.
 */
@PageController
class AvailabilityPages {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(Eat.ZONE);

	private static final DateTimeFormatter FORM = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(Eat.ZONE);

	private final Schedules schedules;

	private final java.time.Clock clock;

	private final ke.malipo.common.pages.PageWords words;

	AvailabilityPages(Schedules schedules, java.time.Clock clock, ke.malipo.common.pages.PageWords words) {
		this.words = words;
		this.schedules = schedules;
		this.clock = clock;
	}

	/** One weekday's row of the hours form. */
	record DayRow(DayOfWeek day, String name, boolean works, String start, String end, String breakStart,
			String breakEnd) {
	}

	@GetMapping("/availability")
	String form(CurrentUser user, Model model) {
		Availability current = this.schedules.of(user.id()).orElse(null);
		List<DayRow> days = new ArrayList<>();
		for (DayOfWeek day : DayOfWeek.values()) {
			Availability.Hours hours = (current != null) ? first(current.hours(), day) : null;
			Availability.Hours rest = (current != null) ? first(current.breaks(), day) : null;
			boolean weekday = day.getValue() <= 5;
			days.add(new DayRow(day, day.getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH),
					(current == null) ? weekday : hours != null, (hours != null) ? hours.start().toString() : "09:00",
					(hours != null) ? hours.end().toString() : "17:00",
					(rest != null) ? rest.start().toString() : (current == null && weekday) ? "13:00" : "",
					(rest != null) ? rest.end().toString() : (current == null && weekday) ? "14:00" : ""));
		}
		model.addAttribute("days", days);
		model.addAttribute("set", current != null);
		model.addAttribute("autoApprove", current != null && current.autoApprove());
		model.addAttribute("timeOff", (current != null) ? current.timeOff() : List.of());
		return "availability";
	}

	@PostMapping("/availability")
	String save(CurrentUser user, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect) {
		try {
			this.schedules.save(user, fromForm(form));
			redirect.addFlashAttribute("notice", this.words.text("notice.hoursSaved"));
		}
		catch (MalipoException ex) {
			redirect.addFlashAttribute("error", this.words.forPerson(ex));
		}
		return "redirect:/availability";
	}

	/**
	 * The hours as the form sent them: checked days, their times, kept and new days off.
	 */
	static Availability fromForm(MultiValueMap<String, String> form) {
		List<Availability.Hours> hours = new ArrayList<>();
		List<Availability.Hours> breaks = new ArrayList<>();
		for (DayOfWeek day : DayOfWeek.values()) {
			String key = day.name().toLowerCase(Locale.ROOT);
			if (!"true".equals(form.getFirst(key + ".works"))) {
				continue;
			}
			hours.add(new Availability.Hours(day, time(form, key + ".start", day), time(form, key + ".end", day)));
			String breakStart = form.getFirst(key + ".breakStart");
			String breakEnd = form.getFirst(key + ".breakEnd");
			if (breakStart != null && !breakStart.isBlank() && breakEnd != null && !breakEnd.isBlank()) {
				breaks.add(new Availability.Hours(day, time(form, key + ".breakStart", day),
						time(form, key + ".breakEnd", day)));
			}
		}
		List<Availability.TimeOff> off = new ArrayList<>();
		List<String> keptFrom = form.getOrDefault("off.from", List.of());
		List<String> keptTo = form.getOrDefault("off.to", List.of());
		List<String> keptNote = form.getOrDefault("off.note", List.of());
		for (int i = 0; i < keptFrom.size() && i < keptTo.size(); i++) {
			if (keptFrom.get(i).isBlank() && keptTo.get(i).isBlank()) {
				continue; // the empty "add days off" row
			}
			off.add(new Availability.TimeOff(date(keptFrom.get(i), "off.from"),
					date(keptTo.get(i).isBlank() ? keptFrom.get(i) : keptTo.get(i), "off.to"),
					(i < keptNote.size() && !keptNote.get(i).isBlank()) ? keptNote.get(i).strip() : null));
		}
		return new Availability(hours, breaks, off, "true".equals(form.getFirst("autoApprove")));
	}

	/**
	 * Free times for a week from {@code from}, by day, each a link to the booking form
	 * with the time chosen.
	 */
	@GetMapping("/psychologists/{id}/free-times")
	String freeTimes(CurrentUser user, @PathVariable UUID id, @RequestParam(required = false) @Nullable String from,
			Model model) {
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), Eat.ZONE);
		LocalDate first = (from != null) ? date(from, "from") : today;
		if (first.isBefore(today)) {
			first = today;
		}
		Map<String, List<Map<String, String>>> byDay = new LinkedHashMap<>();
		for (Schedules.FreeSlot slot : this.schedules.free(new UserId(id), first, first.plusDays(6),
				AvailabilityController.length(50))) {
			byDay.computeIfAbsent(DAY.format(slot.start().atZone(Eat.ZONE)), (k) -> new ArrayList<>())
				.add(Map.of("time", TIME.format(slot.start()), "at", FORM.format(slot.start()), "iso",
						slot.start().toString()));
		}
		model.addAttribute("psychologistId", id);
		model.addAttribute("byDay", byDay);
		model.addAttribute("canBook", user.is(ke.malipo.identity.Role.CLIENT));
		model.addAttribute("week", DAY.format(first) + " to " + DAY.format(first.plusDays(6)));
		model.addAttribute("next", first.plusDays(7).toString());
		model.addAttribute("previous", first.isAfter(today) ? first.minusDays(7).toString() : null);
		return "free-times :: freeTimes";
	}

	private static Availability.@Nullable Hours first(List<Availability.Hours> all, DayOfWeek day) {
		return all.stream().filter((h) -> h.day() == day).findFirst().orElse(null);
	}

	private static LocalTime time(MultiValueMap<String, String> form, String field, DayOfWeek day) {
		String value = form.getFirst(field);
		try {
			return LocalTime.parse(String.valueOf(value).strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException(field, "give "
					+ day.getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH) + "'s times as HH:mm");
		}
	}

	private static LocalDate date(String value, String field) {
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException(field, "must be a date (yyyy-mm-dd)");
		}
	}

}
