package ke.malipo.identity.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a page session whose account was erased meanwhile (in another browser, say): the
 * request goes on as anonymous, so it is sent to sign in.
 */
class ErasedAccountFilter extends OncePerRequestFilter {

	private final ErasedAccounts erased;

	ErasedAccountFilter(ErasedAccounts erased) {
		this.erased = erased;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean erased = CurrentUsers.of(SecurityContextHolder.getContext().getAuthentication())
			.map((user) -> this.erased.contains(user.id()))
			.orElse(false);
		if (erased) {
			SecurityContextHolder.clearContext();
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.invalidate();
			}
		}
		chain.doFilter(request, response);
	}

}
