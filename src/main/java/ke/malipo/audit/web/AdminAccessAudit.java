package ke.malipo.audit.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import ke.malipo.audit.internal.AuditEntries;
import ke.malipo.identity.CurrentUser;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Records every admin's access to payment data (Property 69): the finance desk's searches
 * with their filters, transaction views and decisions, CSV exports, receipt downloads,
 * reconciliation's pages and API (runs included), the audit log itself, sessions (their
 * payment facts; never notes, which admins are not shown) and any booking decision an
 * admin takes. One entry per request that reached its handler, with the method, path, the
 * filters (query parameters, phone numbers masked) and the answer's status; written as
 * the request ends, so the view is recorded whether it succeeded or not.
 */
@Configuration(proxyBeanMethods = false)
class AdminAccessAudit implements HandlerInterceptor, WebMvcConfigurer {

	private static final List<String> PAYMENT_DATA = List.of("/api/admin/**", "/admin/transactions/**",
			"/admin/transactions", "/admin/transactions.csv", "/api/reconciliation/**", "/admin/reconciliation/**",
			"/admin/reconciliation", "/admin/audit/**", "/admin/audit", "/admin/accounting", "/admin/accounting/**",
			"/admin/insights", "/sessions/*/receipt.pdf", "/api/sessions/*/receipt.pdf", "/api/sessions",
			"/api/sessions/**", "/sessions", "/sessions/*", "/sessions/*/*", "/api/me/data", "/account/data.json");

	/** The sessions list refreshing itself every few seconds is not a new look at it. */
	private static final List<String> NOT_RECORDED = List.of("/sessions/rows");

	private final AuditEntries entries;

	AdminAccessAudit(AuditEntries entries) {
		this.entries = entries;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns(PAYMENT_DATA).excludePathPatterns(NOT_RECORDED);
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable Exception ex) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof CurrentUser admin)
				|| !admin.isAdmin()) {
			return;
		}
		// Registered for the payment-data paths only (addInterceptors).
		String path = request.getRequestURI();
		this.entries.append(new AuditEntries.Actor(admin.id().value(), "ADMIN", admin.name()), action(request, path),
				path,
				request.getMethod() + " " + path + filters(request.getParameterMap()) + " -> " + response.getStatus());
	}

	/** What the admin did, in a word the audit page can filter by. */
	private static String action(HttpServletRequest request, String path) {
		boolean read = "GET".equalsIgnoreCase(request.getMethod());
		if (path.endsWith(".csv") || path.contains("/report")) {
			return "ADMIN_EXPORTED";
		}
		if (path.endsWith("receipt.pdf")) {
			return "ADMIN_DOWNLOADED_RECEIPT";
		}
		if (path.contains("/reconciliation") && !read) {
			return "ADMIN_RECONCILED";
		}
		if (path.contains("/audit")) {
			return "ADMIN_READ_AUDIT";
		}
		if (path.startsWith("/sessions") || path.startsWith("/api/sessions")) {
			// Booking decisions an admin takes, and their looks at sessions and payments.
			return read ? "ADMIN_VIEWED_SESSIONS" : "ADMIN_BOOKING_DECISION";
		}
		if (path.endsWith("data.json") || path.equals("/api/me/data")) {
			return "ADMIN_EXPORTED";
		}
		return read ? (request.getParameterMap().isEmpty() ? "ADMIN_VIEWED" : "ADMIN_SEARCHED") : "ADMIN_ACTED";
	}

	/**
	 * The query's filters, sorted, with anything that looks like a phone number masked.
	 */
	private static String filters(Map<String, String[]> parameters) {
		if (parameters.isEmpty()) {
			return "";
		}
		Map<String, String> sorted = new TreeMap<>();
		parameters.forEach((name, values) -> {
			if (!name.toLowerCase(Locale.ROOT).contains("password") && !name.equals("_csrf")) {
				sorted.put(name, String.join(",", values).replaceAll("(\\d{4})\\d{3,}(\\d{3})", "$1***$2"));
			}
		});
		return " " + sorted;
	}

}
