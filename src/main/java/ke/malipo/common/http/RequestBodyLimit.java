package ke.malipo.common.http;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import ke.malipo.common.problem.Problems;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the limit with 413 {@code BODY_TOO_LARGE}, before Spring
 * Security, Jackson or a form parser reads a byte of them: a declared length is checked
 * at once, and a chunked body is read up to the limit and no further.
 */
final class RequestBodyLimit extends OncePerRequestFilter {

	private final long maxBytes;

	private final long maxUploadBytes;

	private final java.util.List<String> uploadPaths;

	private final JsonMapper json;

	RequestBodyLimit(HttpSettings settings, JsonMapper json) {
		this.maxBytes = settings.maxRequestBody().toBytes();
		this.maxUploadBytes = settings.maxUploadBody().toBytes();
		this.uploadPaths = settings.uploadPaths();
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean upload = "POST".equals(request.getMethod()) && this.uploadPaths.contains(request.getRequestURI());
		long limit = upload ? this.maxUploadBytes : this.maxBytes;
		long declared = request.getContentLengthLong();
		if (declared > limit) {
			refuse(response, limit);
			return;
		}
		HttpServletRequest checked = request;
		if (!upload && declared < 0 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"))) {
			byte[] body = request.getInputStream().readNBytes((int) this.maxBytes + 1);
			if (body.length > this.maxBytes) {
				refuse(response, limit);
				return;
			}
			checked = new ReadBody(request, body);
		}
		// A chunked upload is bounded by the multipart parser's own limit on the file.
		chain.doFilter(checked, response);
	}

	private void refuse(HttpServletResponse response, long limit) throws IOException {
		ProblemDetail problem = Problems.of(HttpStatus.CONTENT_TOO_LARGE, "BODY_TOO_LARGE", "Request too large",
				"The request body is larger than the " + (limit / 1024) + " KB this service reads.");
		problem.setProperty("maxBytes", limit);
		response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		// The unread body is not worth keeping the connection for.
		response.setHeader("Connection", "close");
		this.json.writeValue(response.getOutputStream(), problem);
	}

	/** A request whose (chunked) body was read here, within the limit. */
	private static final class ReadBody extends HttpServletRequestWrapper {

		private final byte[] body;

		ReadBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream bytes = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return bytes.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return bytes.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return bytes.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					// The whole body is already in memory: it is all available at once.
					try {
						if (bytes.available() > 0) {
							listener.onDataAvailable();
						}
						listener.onAllDataRead();
					}
					catch (IOException ex) {
						listener.onError(ex);
					}
				}

			};
		}

		@Override
		public BufferedReader getReader() {
			String encoding = getCharacterEncoding();
			Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
			return new BufferedReader(new InputStreamReader(getInputStream(), charset));
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

	}

}
