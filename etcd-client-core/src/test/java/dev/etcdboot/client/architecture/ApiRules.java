package dev.etcdboot.client.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * Architecture rules shared by the modules' tests: what a public API type shows (its
 * supertypes, and the types in the signatures of its public and protected members, type
 * arguments included) must not be internal, that is in an {@code internal} package; and
 * public API types carry no Jackson annotations.
 */
public final class ApiRules {

	private ApiRules() {
	}

	/**
	 * Return the rule that public API types under a package expose no internal type.
	 * @param packages the packages of the API, such as {@code dev.etcdboot.client..}
	 * @return the rule
	 */
	public static ArchRule publicApiExposesNoInternalType(String packages) {
		return classes().that()
			.resideInAPackage(packages)
			.and()
			.resideOutsideOfPackage("..internal..")
			.and()
			.arePublic()
			.should(exposeNoInternalType());
	}

	/**
	 * Return the rule that public API types under a package carry no Jackson binding
	 * annotation on their fields, methods, constructors or parameters: the wire format is
	 * decoded into internal records.
	 * @param packages the packages of the API, such as {@code dev.etcdboot.client..}
	 * @return the rule
	 */
	public static ArchRule publicApiCarriesNoWireAnnotation(String packages) {
		return classes().that()
			.resideInAPackage(packages)
			.and()
			.resideOutsideOfPackage("..internal..")
			.and()
			.arePublic()
			.should(carryNoWireAnnotation());
	}

	private static ArchCondition<JavaClass> carryNoWireAnnotation() {
		return new ArchCondition<>("carry no wire annotation") {

			@Override
			public void check(JavaClass type, ConditionEvents events) {
				List<String> annotated = new ArrayList<>();
				for (JavaField field : type.getFields()) {
					wireAnnotations(field.getAnnotations())
						.forEach((name) -> annotated.add(name + " on " + field.getName()));
				}
				for (JavaCodeUnit member : type.getCodeUnits()) {
					wireAnnotations(member.getAnnotations())
						.forEach((name) -> annotated.add(name + " on " + member.getName()));
					member.getParameters()
						.forEach((parameter) -> wireAnnotations(parameter.getAnnotations())
							.forEach((name) -> annotated.add(name + " on a parameter of " + member.getName())));
				}
				annotated.forEach((message) -> events
					.add(SimpleConditionEvent.violated(type, type.getName() + " carries " + message)));
			}

		};
	}

	private static List<String> wireAnnotations(Set<? extends JavaAnnotation<?>> annotations) {
		return annotations.stream()
			.map((annotation) -> annotation.getRawType())
			.filter((annotationType) -> annotationType.getPackageName().startsWith("com.fasterxml.jackson")
					|| annotationType.getPackageName().startsWith("tools.jackson"))
			.map(JavaClass::getSimpleName)
			.toList();
	}

	private static ArchCondition<JavaClass> exposeNoInternalType() {
		return new ArchCondition<>("expose no internal type") {

			@Override
			public void check(JavaClass type, ConditionEvents events) {
				List<String> exposed = new ArrayList<>();
				type.getRawSuperclass().ifPresent((superclass) -> note(exposed, "extends", superclass));
				type.getRawInterfaces().forEach((implemented) -> note(exposed, "implements", implemented));
				for (JavaField field : type.getFields()) {
					if (visible(field.getModifiers().contains(JavaModifier.PUBLIC),
							field.getModifiers().contains(JavaModifier.PROTECTED))) {
						involved(field.getType()).forEach((used) -> note(exposed, "field " + field.getName(), used));
					}
				}
				for (JavaCodeUnit member : type.getCodeUnits()) {
					if (visible(member.getModifiers().contains(JavaModifier.PUBLIC),
							member.getModifiers().contains(JavaModifier.PROTECTED))) {
						Stream.concat(Stream.of(member.getReturnType()), member.getParameterTypes().stream())
							.flatMap((signatureType) -> involved(signatureType).stream())
							.forEach((used) -> note(exposed, member.getName(), used));
					}
				}
				exposed.forEach((message) -> events
					.add(SimpleConditionEvent.violated(type, type.getName() + " exposes " + message)));
			}

		};
	}

	private static boolean visible(boolean isPublic, boolean isProtected) {
		return isPublic || isProtected;
	}

	private static List<JavaClass> involved(JavaType type) {
		return new ArrayList<>(type.getAllInvolvedRawTypes());
	}

	private static void note(List<String> exposed, String where, JavaClass used) {
		if (INTERNAL.test(used)) {
			exposed.add(used.getName() + " (" + where + ")");
		}
	}

	private static final DescribedPredicate<JavaClass> INTERNAL = DescribedPredicate.describe("internal",
			(used) -> used.getPackageName().contains(".internal"));

}
