package ke.malipo.identity.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ke.malipo.identity.Contact;
import ke.malipo.identity.Psychologist;
import ke.malipo.identity.Role;
import ke.malipo.identity.UserDirectory;
import ke.malipo.identity.UserId;

import org.springframework.stereotype.Service;

/** {@link UserDirectory} over the accounts table. */
@Service
class JdbcUserDirectory implements UserDirectory {

	private final UserRepository users;

	JdbcUserDirectory(UserRepository users) {
		this.users = users;
	}

	@Override
	public Optional<Psychologist> psychologist(UserId id) {
		return this.users.findById(id)
			.filter((user) -> user.role() == Role.PSYCHOLOGIST)
			.map(JdbcUserDirectory::toPsychologist);
	}

	@Override
	public Optional<String> displayName(UserId id) {
		return this.users.findById(id).map(User::name);
	}

	@Override
	public Map<UserId, String> displayNames(Collection<UserId> ids) {
		return this.users.names(ids);
	}

	@Override
	public List<UserId> matching(String text, int limit) {
		return this.users.idsMatching(text, limit);
	}

	@Override
	public Optional<UserId> byEmail(String email) {
		return this.users.findByEmail(email).map(User::id);
	}

	@Override
	public Optional<Contact> contact(UserId id) {
		return this.users.findById(id).map(JdbcUserDirectory::contact);
	}

	@Override
	public Map<UserId, Contact> contacts(Collection<UserId> ids) {
		return this.users.findAllById(ids)
			.stream()
			.collect(java.util.stream.Collectors.toMap(User::id, JdbcUserDirectory::contact));
	}

	@Override
	public List<Psychologist> psychologists() {
		return this.users.findByRole(Role.PSYCHOLOGIST).stream().map(JdbcUserDirectory::toPsychologist).toList();
	}

	@Override
	public List<Contact> admins() {
		return this.users.findByRole(Role.ADMIN).stream().map(JdbcUserDirectory::contact).toList();
	}

	private static Psychologist toPsychologist(User user) {
		return new Psychologist(user.id(), user.name(), java.util.Objects.requireNonNull(user.sessionRate()));
	}

	private static Contact contact(User user) {
		return new Contact(user.id(), user.name(), user.email(), user.phoneNumber());
	}

}
