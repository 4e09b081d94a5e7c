package ke.malipo.common.http;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class HttpConfiguration {

	/** First of all filters, so nothing reads an oversized body. */
	@Bean
	FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(HttpSettings settings, JsonMapper json) {
		FilterRegistrationBean<RequestBodyLimit> registration = new FilterRegistrationBean<>(
				new RequestBodyLimit(settings, json));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
